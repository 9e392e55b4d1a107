/** A customer's profile as main reads it from Twilio (customer:profile), re-read when `version` changes. */
import { useCallback, useEffect, useState } from 'react';
import type { IpcResult } from '../../../../shared/ipc/contract';
import type { CustomerProfile } from '../../../../shared/ipc/customer-schema';
import { getDesk } from '../../platform/desk';

export interface CustomerProfileState {
  profile: CustomerProfile | null;
  loading: boolean;
  error: string | null;
  /** An answer of main's (save, link, unlink) replaces what is shown. */
  replace: (profile: CustomerProfile) => void;
}

export function useCustomerProfile(address: string, version: unknown): CustomerProfileState {
  const [profile, setProfile] = useState<CustomerProfile | null>(null);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    // Re-reads keep showing the last answer; only the first read shows "Loading".
    let current = true;
    getDesk()
      .customerProfile({ address })
      .then((r) => {
        if (!current) return;
        setLoading(false);
        if (r.ok) {
          setProfile(r.value);
          setError(null);
        } else setError(r.error.message);
      })
      .catch((e: unknown) => {
        if (!current) return;
        setLoading(false);
        setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      current = false;
    };
  }, [address, version]);

  const replace = useCallback((next: CustomerProfile) => setProfile(next), []);
  return { profile, loading, error, replace };
}

/** Field messages of a failed call keyed by form field ("fields.email" from the contract's check → "email"). */
export function fieldErrors(result: IpcResult<unknown>): { fields: Record<string, string>; message: string | null } {
  if (result.ok) return { fields: {}, message: null };
  const fields: Record<string, string> = {};
  for (const [key, value] of Object.entries(result.error.fields ?? {})) fields[key.replace(/^fields\./, '').replace(/\.\d+$/, '')] = value;
  return { fields, message: Object.keys(fields).length > 0 ? null : result.error.message };
}
