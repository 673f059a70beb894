#!/usr/bin/env node
/**
 * The GitHub Action's one step that matters (action.yml): runs `xla check --format github` with the
 * action's inputs, from the step's working directory, and exits with xla's own exit code. xla
 * itself writes the annotations (stdout) and appends the Markdown summary to $GITHUB_STEP_SUMMARY.
 *
 * Inputs arrive as the environment a composite step is given (action.yml names them):
 *   INPUT_CONFIG  the XLA file (required)
 *   INPUT_FILES   data files added to the config's sources, one path a line (optional)
 *   INPUT_ARGS    further arguments for `xla check`, one a line, taken as written (optional)
 * One a line, not split at spaces: a path or a `--target "nps >= 30"` may hold spaces.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const XLA = fileURLToPath(new URL('../bin/xla.js', import.meta.url));
/** xla's exit codes (README "Exit codes"): a bad call is 2, a bug 3. */
const EXIT_USAGE = 2;
const EXIT_BUG = 3;

/** The non-empty lines of a multi-line input, each trimmed. */
function inputLines(value) {
  return (value ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** The arguments of `xla check` for these inputs; undefined when the config is missing. */
function checkArguments(env) {
  const config = (env.INPUT_CONFIG ?? '').trim();
  if (config === '') return undefined;
  return ['check', '--config', config, '--format', 'github', ...inputLines(env.INPUT_ARGS), '--', ...inputLines(env.INPUT_FILES)];
}

function run() {
  const args = checkArguments(process.env);
  if (args === undefined) {
    process.stdout.write('::error title=xla action::the `config` input is required (the path of the XLA file, e.g. xla.config.yml)\n');
    return EXIT_USAGE;
  }
  const result = spawnSync(process.execPath, [XLA, ...args], { stdio: 'inherit' });
  if (result.error !== undefined) {
    process.stdout.write(`::error title=xla action::could not run xla: ${result.error.message}\n`);
    return EXIT_BUG;
  }
  if (result.status === null) {
    process.stdout.write(`::error title=xla action::xla was stopped by ${result.signal}\n`);
    return EXIT_BUG;
  }
  return result.status;
}

process.exitCode = run();
