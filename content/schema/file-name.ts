/**
 * Attachment names as the intake takes them (`POST /v1/uploads?filename=`). No zod here: the widget's upload
 * code imports this, and must stay small.
 */

/** The longest name accepted, in characters (code points); longer is 400 `upload_bad_name`. */
export const FILE_NAME_MAX = 200;

/**
 * A name that fits `FILE_NAME_MAX`: as it is when it does, else its stem cut (by characters, never inside
 * one) so that its extension stays. `a-very-long…-name.pdf` stays a PDF to the agent who opens it.
 */
export function fitFileName(name: string): string {
  const chars = [...name];
  if (chars.length <= FILE_NAME_MAX) return name;
  const dot = name.lastIndexOf('.');
  const ext = dot > 0 && name.length - dot <= 11 ? name.slice(dot) : '';
  const stem = [...(ext ? name.slice(0, dot) : name)].slice(0, FILE_NAME_MAX - [...ext].length);
  return stem.join('').replace(/[\s.]+$/u, '') + ext;
}
