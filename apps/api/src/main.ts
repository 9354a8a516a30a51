import 'reflect-metadata';
import { bootstrap, migrate } from '@quire/core';
import { plugins } from './quire.config';

if (process.argv.includes('--migrate-only')) {
  void migrate({ plugins });
} else {
  void bootstrap({ plugins });
}
