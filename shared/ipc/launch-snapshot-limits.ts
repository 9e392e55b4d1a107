/**
 * The launch snapshot's constants, shared by the renderer (capture and paint), the contract and
 * main (storage, and the document it is embedded in). No imports: the entry script reads this
 * before anything else has loaded.
 */

/** A tall window's inbox is ~40 rows, ~60 KB of HTML; above this it is not kept. */
export const LAUNCH_SNAPSHOT_MAX_CHARS = 200_000;
/** The id of the data block main embeds it in (`<script type="application/json">`, never run). */
export const LAUNCH_SNAPSHOT_ELEMENT_ID = 'launch-snapshot';
/** The id of the layer the entry script paints it into, over the app until the app's first screen. */
export const LAUNCH_SNAPSHOT_LAYER_ID = 'launch-snapshot-layer';
