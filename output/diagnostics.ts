/**
 * Where synth's warnings go. Under `npm run synth` they go to stderr. Under
 * the cdktf CLI (`npx cdktf synth`, which sets CDKTF_CONTEXT_JSON for the
 * app) they go to stdout: the CLI logs every chunk of the app's stderr at
 * level ERROR (`[ERROR] default - ...`, @cdktf/commons exec ->
 * processLoggerError) and prints the app's stdout as it is (console.log), so
 * stdout is the only way a warning reaches the user as a warning.
 */
export function warningWriter(env: NodeJS.ProcessEnv = process.env): (line: string) => void {
  const stream = env.CDKTF_CONTEXT_JSON === undefined ? process.stderr : process.stdout;
  return (line) => stream.write(`${line}\n`);
}
