/**
 * Whether output may carry colour, by the conventions command-line tools
 * share (https://no-color.org, FORCE_COLOR): a log file or a CI job gets plain
 * text, a terminal gets colour.
 */

/** Escape sequences: colours and styles (CSI ... letter) and terminal titles or links (OSC ... BEL or ST). */
// eslint-disable-next-line no-control-regex -- escape sequences are what it matches
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;

/**
 * Colour or not: a non-empty NO_COLOR says no; FORCE_COLOR says yes, unless it
 * is "0" or "false"; otherwise only a terminal gets colour.
 */
export function colourWanted(env: NodeJS.ProcessEnv, isTerminal: boolean): boolean {
  if (env.NO_COLOR) return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined && force !== "") return force !== "0" && force !== "false";
  return isTerminal;
}

/** The text without escape sequences. */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}
