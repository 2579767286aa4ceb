/** Save bytes or text as a file in the browser. */
export function downloadFile(name: string, mime: string, content: string | Uint8Array): void {
  saveBlob(name, new Blob([content as BlobPart], { type: mime }));
}

/** The file name a Content-Disposition header gives (filename*=UTF-8'' first, then filename=). */
export function dispositionFileName(header: string | null): string | undefined {
  if (!header) return undefined;
  const star = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header)?.[1];
  if (star) {
    try {
      return decodeURIComponent(star.trim());
    } catch {}
  }
  return /filename\s*=\s*"([^"]*)"/i.exec(header)?.[1] ?? undefined;
}

/**
 * A file the server sends as a download (GET, the session cookie along): saved under the name it
 * gives. A refusal (4xx/5xx with the API's JSON error) is thrown as an Error with its 简体中文 message.
 */
export async function downloadFrom(url: string, fallbackName: string): Promise<Response> {
  const res = await fetch(url, { credentials: 'same-origin' });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as {
      error?: { message?: string; data?: { zhMessage?: string } };
    } | null;
    throw new Error(body?.error?.data?.zhMessage ?? body?.error?.message ?? `下载失败（HTTP ${res.status}）`);
  }
  saveBlob(dispositionFileName(res.headers.get('content-disposition')) ?? fallbackName, await res.blob());
  return res;
}

function saveBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function base64ToBytes(b64: string): Uint8Array {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

export function bytesToBase64(bytes: Uint8Array): string {
  let s = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) s += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(s);
}
