#!/usr/bin/env node
// The CLI is a repository tool, never shipped in an image: it runs its TypeScript sources directly.
import { main } from '../src/cli.ts';

process.exitCode = await main(process.argv.slice(2));
