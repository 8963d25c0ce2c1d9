#!/usr/bin/env node
// Thin launcher: the CLI is bundled into dist/ by `npm install` (scripts/build.mjs).
import '../../dist/sotto-review.mjs';
