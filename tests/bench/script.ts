/** How a bench script ends: exit 0 when `main` settles, else its stack on stderr and exit 1 (open handles such as an emulator must not keep it alive). */
export function runScript(main: () => Promise<void>, label = ''): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      process.stderr.write(`${label}${e instanceof Error ? e.stack : String(e)}\n`);
      process.exit(1);
    },
  );
}
