"use strict";
/**
 * cdktf synth prints a failing app's stderr twice: live, through its logger,
 * then again in a framed summary ("cdktf encountered an error while
 * synthesizing ... Command output on stderr: ..."). The app's own message
 * (AtomicApp prints each problem once, with code and construct path) is all a
 * user needs, so the project's wrapper shows that summary condensed.
 */

// eslint-disable-next-line no-control-regex -- ANSI escape sequences start with ESC, which is what this strips
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

/**
 * A block the summary indents by four spaces, up to the first line that is not part of it.
 * @param {string[]} lines
 * @param {number} start
 * @returns {string[]}
 */
function indentedBlock(lines, start) {
  const block = [];
  for (let i = start; i < lines.length; i++) {
    if (lines[i].startsWith("    ")) block.push(lines[i].slice(4));
    else if (lines[i] === "" && lines[i + 1] !== undefined && lines[i + 1].startsWith("    ")) block.push("");
    else break;
  }
  return block;
}

/**
 * The condensed report of a failed cdktf synth, from the CLI's stderr; null
 * when the text is not cdktf's synth-failure summary (then show it as it is).
 * @param {string} stderr
 * @returns {string | null}
 */
function condenseSynthFailure(stderr) {
  const lines = stderr.replace(ANSI, "").split("\n");
  const head = lines.findIndex((line) => line.endsWith("cdktf encountered an error while synthesizing"));
  if (head < 0) return null;
  const field = (/** @type {string} */ name) => (lines.find((line, i) => i > head && line.startsWith(name)) || "").slice(name.length).trim();
  const output = (/** @type {string} */ title) => {
    const at = lines.indexOf(title, head);
    return at < 0 ? [] : indentedBlock(lines, at + 2);
  };
  const reported = [...output("Command output on stderr:"), ...output("Command output on stdout:")];
  return [`cdktf synth failed: \`${field("Synth command:")}\` ended with ${field("Error:")}`, ...reported].join("\n") + "\n";
}

module.exports = { condenseSynthFailure };
