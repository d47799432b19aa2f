#!/usr/bin/env node
// The `crucible` command: TypeScript sources run through tsx, which ships with the project.
require("tsx/cjs");
require("../cli/main.ts");
