/** Text made safe to put between tags or inside a double-quoted attribute of HTML we write ourselves. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
