/** What the widget posts to the page around it, and the one message type the host script accepts. */
export const HEIGHT_MESSAGE = 'creneau:height';
/** A height beyond this is not believed (a broken page would make the host's page endless). */
export const MAX_EMBED_HEIGHT_PX = 20_000;
