/**
 * What a new password may not be, in one place (users.create, users.resetPassword,
 * auth.changePassword): shorter than 8, only blanks, one of the commonest passwords (a run of one
 * digit or letter, 12345678 up or down, a keyboard row such as qwertyui or 1qaz2wsx, password …).
 * Equal to the user name and equal to the current password are checked where those are known.
 * Messages in 简体中文, whole sentences (no field prefix).
 */

/** Rows of a keyboard and the digits, each read both ways: any 8 keys in a row are a common password. */
const RUNS = [
  '1234567890',
  'qwertyuiop[]',
  "asdfghjkl;'",
  'zxcvbnm,./',
  'abcdefghijklmnopqrstuvwxyz',
].flatMap((r) => [r, [...r].reverse().join('')]);

/** The commonest passwords of Chinese and international leak lists that no rule above catches. */
const COMMON = new Set([
  'password',
  'password1',
  'password123',
  'passw0rd',
  'p@ssw0rd',
  'p@ssword',
  'iloveyou',
  'woaini1314',
  'woaini520',
  '5201314520',
  '52013145',
  'a1234567',
  'a12345678',
  'a123456789',
  'aa123456',
  'aa12345678',
  'abc12345',
  'abc123456',
  'abcd1234',
  'abcd123456',
  'qwer1234',
  'qwerty123',
  'qwe12345',
  'qweasdzxc',
  'qazwsxedc',
  '1qaz2wsx',
  '1qaz2wsx3edc',
  '1q2w3e4r',
  '1q2w3e4r5t',
  'zaq12wsx',
  'admin123',
  'admin888',
  'admin1234',
  'administrator',
  'root1234',
  'test1234',
  '12341234',
  '12344321',
  '11223344',
  '147258369',
  '123123123',
  '147852369',
  '159357456',
  '123456abc',
  '123456aa',
  '123qweasd',
  'welcome1',
  'sunshine',
  'princess',
  'football',
  'baseball',
  'superman',
  'trustno1',
  'changeme',
  'nianbao123',
]);

export function weakPasswordProblem(password: string): string | null {
  if (password.length < 8) return '密码至少 8 位';
  if (password.trim() === '') return '密码不能全是空格';
  const p = password.toLowerCase();
  if (/^(.)\1+$/su.test(p)) return '密码不能是同一个字符重复（如 88888888）';
  if (COMMON.has(p) || RUNS.some((r) => r.includes(p)))
    return '密码过于常见（如 12345678、qwertyui、password），很容易被猜中，请换一个';
  // 12121212, abcabcab, 12341234: a group of two to four repeated.
  const chars = [...p];
  if ([2, 3, 4].some((k) => chars.every((c, i) => c === chars[i % k])))
    return '密码过于简单（几个字符反复），很容易被猜中，请换一个';
  return null;
}

/** The user's name as the password, in any case or with blanks around it. */
export function sameAsUsername(password: string, username: string): boolean {
  return password.trim().toLowerCase() === username.trim().toLowerCase();
}

export const PASSWORD_IS_USERNAME = '密码不能与用户名相同';
export const PASSWORD_UNCHANGED = '新密码不能与当前密码相同';
