// What crawlers may fetch: the public pages (home, articles, authors, files sold alone, feeds,
// preview images). Everything personal, paid-for or operational is disallowed; robots.txt is a
// courtesy, not access control (those paths check the caller themselves).
export const DISALLOWED_PATHS = ["/api/", "/account", "/library", "/dashboard", "/admin", "/receipts", "/gifts", "/d/", "/dev/", "/signin", "/verify-email/"];
