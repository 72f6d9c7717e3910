#!/usr/bin/env node
// A repository tool, never shipped in an image: it runs its TypeScript sources directly.
import { main } from '../src/cli.ts';

// npm runs workspace scripts inside the workspace; INIT_CWD is where the user typed the command.
process.exitCode = await main(process.argv.slice(2), process.env.INIT_CWD ?? process.cwd());
