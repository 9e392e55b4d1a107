/**
 * Secret values main has handled in this run (decrypted API key secrets), so redaction can remove
 * them by value: a Twilio API key secret is random text that no pattern recognises. Kept in memory
 * only, for the lifetime of the process.
 */
export interface SecretRegistry {
  remember(secret: string): void;
  list(): readonly string[];
}

export function createSecretRegistry(): SecretRegistry {
  const secrets = new Set<string>();
  return {
    remember: (secret) => {
      if (secret) secrets.add(secret);
    },
    list: () => [...secrets],
  };
}
