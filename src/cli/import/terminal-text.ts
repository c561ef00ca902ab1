/**
 * Text from an imported file made safe to print on a terminal: C0 and C1 control characters (ESC
 * sequences that recolour, move the cursor or retitle the window; BEL; backspace), DEL and the
 * bidirectional overrides that reorder what is shown are replaced by `�`. Line breaks and tabs of the
 * output itself are kept; the JSON report needs nothing (JSON escapes them).
 */
export function terminalSafe(text: string): string {
  return text.replace(/[\p{Cc}\u202a-\u202e\u2066-\u2069]/gu, (c) =>
    c === '\n' || c === '\t' ? c : '\ufffd',
  );
}
