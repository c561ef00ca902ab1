import { afterAll } from 'vitest';
import { removeTempDirs } from './temp-dir.ts';

// A setup file's afterAll is the file's first: vitest runs after-hooks in reverse order
// (sequence.hooks 'stack'), so this runs once the file's own afterAll has stopped its servers.
afterAll(removeTempDirs);
