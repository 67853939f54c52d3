/** Escapes LIKE wildcards; patterns use ESCAPE '!'. */
export function likeEscape(s: string): string {
  return s.replace(/[!%_]/g, (c) => `!${c}`);
}
