import type { AdminAccount, AdminSession } from './store.ts';

/** Rows of `admin_accounts` and `admin_sessions` as both stores return them, and their records. */
export interface AdminAccountSqlRow {
  user: string;
  password_hash: string;
  created_at: number;
  updated_at: number;
}

export interface AdminSessionSqlRow {
  id_hash: string;
  user: string;
  via: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export function toAdminAccount(r: AdminAccountSqlRow): AdminAccount {
  return { user: r.user, passwordHash: r.password_hash, createdAt: Number(r.created_at), updatedAt: Number(r.updated_at) };
}

export function toAdminSession(r: AdminSessionSqlRow): AdminSession {
  return {
    idHash: r.id_hash,
    user: r.user,
    via: r.via === 'oidc' ? 'oidc' : 'password',
    createdAt: Number(r.created_at),
    lastSeenAt: Number(r.last_seen_at),
    expiresAt: Number(r.expires_at),
  };
}
