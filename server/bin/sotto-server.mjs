#!/usr/bin/env node
// Thin launcher: the server is bundled into dist/ by `npm install` (scripts/build.mjs).
// `sotto-server` starts it; `sotto-server migrate --from sqlite:PATH --to postgres://…` moves
// a stopped server's SQLite file into PostgreSQL (README.md "Several instances on PostgreSQL").
import '../../dist/server.mjs';
