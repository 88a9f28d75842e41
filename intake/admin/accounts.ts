import type { AdminAccount, IntakeStore } from '../store/store.ts';
import { dummyHash, hashPassword, PASSWORD_LENGTH, verifyPassword } from './passwords.ts';

/**
 * Local console accounts: a name and a scrypt hash in the store's `admin_accounts`. Managed from the command
 * line (`npm run intake -- admin add|list|remove|passwd`, intake/admin/commands.ts); checked at sign-in.
 */

/** 1–64 of `a–z A–Z 0–9 . _ @ -`, starting with a letter or digit: safe in logs and in a terminal. */
export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/** Why a name or password is refused, for the operator; undefined when acceptable. */
export function userNameProblem(user: string): string | undefined {
  return USER_NAME.test(user) ? undefined : 'a user name is 1–64 of the letters a–z, A–Z, digits and . _ @ -, starting with a letter or digit';
}

export function passwordProblem(password: string): string | undefined {
  const length = [...password].length;
  if (length < PASSWORD_LENGTH.min) return `the password is too short: at least ${PASSWORD_LENGTH.min} characters`;
  if (length > PASSWORD_LENGTH.max) return `the password is too long: at most ${PASSWORD_LENGTH.max} characters`;
  return undefined;
}

/** Creates an account (`'created'`) or refuses when the name is taken (`'exists'`). Validate name and password first. */
export async function addAccount(store: IntakeStore, user: string, password: string, now = Date.now()): Promise<'created' | 'exists'> {
  if (await store.adminAccount(user)) return 'exists';
  await store.saveAdminAccount({ user, passwordHash: await hashPassword(password), createdAt: now, updatedAt: now });
  return 'created';
}

/** Sets a new password and signs the account out everywhere; false when there is no such account. */
export async function changePassword(store: IntakeStore, user: string, password: string, now = Date.now()): Promise<boolean> {
  const account = await store.adminAccount(user);
  if (!account) return false;
  await store.saveAdminAccount({ ...account, passwordHash: await hashPassword(password), updatedAt: now });
  await store.deleteAdminSessionsOf(user);
  return true;
}

/** Deletes the account and its sessions; false when there was none. */
export async function removeAccount(store: IntakeStore, user: string): Promise<boolean> {
  const removed = await store.deleteAdminAccount(user);
  await store.deleteAdminSessionsOf(user);
  return removed;
}

export function listAccounts(store: IntakeStore): Promise<AdminAccount[]> {
  return store.listAdminAccounts();
}

/**
 * `account` when `password` is its password; `known` says whether the name is an account's (for the log,
 * never for the person signing in). An unknown (or malformed) name costs the same as a wrong password:
 * scrypt runs against a dummy hash, so the answer's timing does not tell which names exist.
 */
export async function checkCredentials(store: IntakeStore, user: string, password: string): Promise<{ account: AdminAccount | undefined; known: boolean }> {
  const account = USER_NAME.test(user) ? await store.adminAccount(user) : undefined;
  const matches = await verifyPassword(password, account?.passwordHash ?? (await dummyHash()));
  return { account: account && matches ? account : undefined, known: account !== undefined };
}
