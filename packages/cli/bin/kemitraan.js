#!/usr/bin/env node
// The `kemitraan` command: the compiled program (built by the repository's set-up, `tsc -b`).
import "../dist/main.js"
