// <link rel="alternate"> entries (Next.js metadata `alternates.types`) for a feed pair: the
// site's (base "") or an author's (base "/authors/<id>"). Relative URLs resolve against the
// layout's metadataBase.
export function feedLinks(title: string, base: string) {
  return {
    types: {
      "application/rss+xml": [{ url: `${base}/feed.xml`, title: `${title} (RSS)` }],
      "application/atom+xml": [{ url: `${base}/atom.xml`, title: `${title} (Atom)` }],
    },
  };
}
