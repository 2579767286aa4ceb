import { Text } from 'ink';
import { Component, type ReactNode } from 'react';

/** Any error while drawing: one line in 简体中文 and the app ends (exit code 2), never a stack trace. */
export class ErrorBoundary extends Component<
  { children?: ReactNode; onError: (message: string) => void },
  { message: string | null }
> {
  override state = { message: null as string | null };

  static getDerivedStateFromError(e: unknown) {
    return { message: e instanceof Error ? e.message.split('\n')[0]! : String(e) };
  }

  override componentDidCatch(e: unknown) {
    this.props.onError(e instanceof Error ? e.message.split('\n')[0]! : String(e));
  }

  override render() {
    if (this.state.message !== null) return <Text>nianbao：终端界面出错：{this.state.message}</Text>;
    return this.props.children;
  }
}
