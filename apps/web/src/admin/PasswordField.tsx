import { useState } from 'react';
import { generatePassword } from './bulk';

/**
 * A password the 管理员 gives someone (initial or reset): shown or hidden at will, or generated (then
 * shown, to be read out or copied), so it is never typed blind.
 */
export function PasswordField(props: {
  name: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  label?: string;
}) {
  const [shown, setShown] = useState(false);
  return (
    <span className="password-field">
      <input
        id={props.name}
        name={props.name}
        type={shown ? 'text' : 'password'}
        autoComplete="new-password"
        spellCheck={false}
        aria-label={props.label ?? '密码'}
        placeholder={props.placeholder}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <button
        type="button"
        className="small"
        aria-pressed={shown}
        onClick={() => setShown(!shown)}
        title={shown ? '隐藏密码' : '显示密码'}
      >
        {shown ? '隐藏' : '显示'}
      </button>
      <button
        type="button"
        className="small"
        onClick={() => {
          props.onChange(generatePassword());
          setShown(true);
        }}
      >
        生成
      </button>
    </span>
  );
}
