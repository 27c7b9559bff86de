#!/usr/bin/env node
// The `polar-emulator` command: a launcher that exists before the package is built, so that
// installing the workspace can link it; it runs the built emulator (dist/esm/bin.js).
import "../dist/esm/bin.js"
