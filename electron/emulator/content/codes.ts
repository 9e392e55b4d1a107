/**
 * Twilio's error codes for template messages, from its error dictionary
 * (https://www.twilio.com/docs/api/errors/CODE):
 * - 50526 "Invalid content SID" (Conversations): "Content SID does not match the pattern HX[0-9a-f]{32}".
 * - 50527 "Invalid content variables format" (Conversations): "Content variables value is invalid JSON object".
 * - 50528 "Content SID is missing" (Conversations): "Content variables are present but there is no content sid defined".
 * - 50542 "Unsupported Content Template Type" (Conversations): a type "not yet supported in Conversations API".
 * - 21655 "The ContentSid is Invalid" (Messaging): "The template sid you are using has been deleted
 *   from the account … does not exist".
 * - 21656 "The ContentVariables Parameter is invalid" (Messaging): "The ContentVariables field contains
 *   a variable that was set to null or empty string at time of send"; "Make sure all
 *   ContentVariables are defined and have a valid definition at time of send".
 * - 63016 (WhatsApp, delivery): "Failed to send freeform message because you are outside the allowed
 *   window" — what an unapproved template gets outside the 24-hour window (the window is the
 *   delivery side's: see isApprovedTemplateMessage in template-messages.ts).
 */
export const CONTENT_CODES = {
  invalidContentSid: 50526,
  invalidContentVariables: 50527,
  contentSidMissing: 50528,
  unsupportedContentType: 50542,
  contentNotFound: 21655,
  variableInvalid: 21656,
  outsideWindow: 63016,
} as const;
