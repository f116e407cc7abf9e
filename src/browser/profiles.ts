import { mkdtemp, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { removeOrphans } from '../util/process.js';

/** Chromium profiles live in the temp folder as `briefing-chromium-<owner pid>-<random>`. */
const PROFILE_PREFIX = 'briefing-chromium-';
const PROFILE_NAME = /^briefing-chromium-(\d+)-[^/]+$/;

/** A fresh profile folder named after this process, so a later run can tell whether its owner is still alive. */
export function createProfileDir(parent: string = tmpdir()): Promise<string> {
  return mkdtemp(join(parent, `${PROFILE_PREFIX}${process.pid}-`));
}

/**
 * Removes the profiles whose owner process is gone: a run killed with SIGKILL cannot remove its own (about 2 MB
 * each). Profiles of live processes, this one included, are left alone. Returns the folders removed.
 */
export function sweepStaleProfiles(parent: string = tmpdir()): Promise<string[]> {
  return removeOrphans(parent, PROFILE_NAME, removeProfile);
}

/**
 * Removes a profile and the folder of its singleton socket: Chromium keeps that socket in the temp folder
 * (`org.chromium.Chromium.XXXXXX`, named by a link in the profile) because a socket path must be short, and removes
 * it only when it exits normally.
 */
export async function removeProfile(profile: string): Promise<void> {
  const socket = await readlink(join(profile, 'SingletonSocket')).catch(() => undefined);
  const socketDir = socket ? dirname(socket) : undefined;
  if (socketDir && /^org\.chromium\.Chromium\.\w+$/.test(basename(socketDir))) await rm(socketDir, { recursive: true, force: true });
  await rm(profile, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 });
}
