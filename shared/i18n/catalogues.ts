/**
 * The translation catalogues, one JSON file per language, shared by main (menus, tray,
 * notifications) and the renderer. English is the reference: its shape types every `t()` key.
 */
import en from './locales/en.json';
import es from './locales/es.json';
import fr from './locales/fr.json';
import type { Language } from './languages';

export type Catalogue = typeof en;

export const CATALOGUES: Record<Language, Catalogue> = { en, es: es as Catalogue, fr: fr as Catalogue };

/** i18next `resources`: one namespace, `translation`, per language. */
export const resources = Object.fromEntries(Object.entries(CATALOGUES).map(([lng, translation]) => [lng, { translation }])) as Record<
  Language,
  { translation: Catalogue }
>;
