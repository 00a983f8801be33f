/**
 * The name of the page world -> isolated script channel. Its own module so that the page-world
 * script, which must stay tiny (it runs on every order page before AliExpress's own code), does
 * not pull the message schemas in with it.
 */
export const PAGE_WORLD_CHANNEL = 'protection-clock:page-world:v1';
