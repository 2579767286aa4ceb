/**
 * A word as a POSIX shell reads it back, for commands we print to be copied and pasted: left as it
 * is when it has only characters no shell treats specially (letters of any script, digits, `_ - . /
 * : = @ % + ,`), else in single quotes (a single quote inside as `'\''`). `江南 中-服务器第2版.json`
 * → `'江南 中-服务器第2版.json'`.
 */
export function shellQuote(word: string): string {
  if (word !== '' && /^[\p{L}\p{N}_\-./:=@%+,]+$/u.test(word) && !word.startsWith('-')) return word;
  return `'${word.replaceAll("'", "'\\''")}'`;
}
