/**
 * The head elements every HTML page of the service shares (the labeling
 * page, /label; the dashboard, /ui): a phone-sized viewport, no referrer and
 * no indexing (pages may carry ids in their paths), no favicon request. Each
 * page adds its title and its nonced styles and scripts (./html.ts).
 */

/** The shared head elements, then the page's title. */
export function PageHead(props: { title: string }) {
  return (
    <>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <meta name="robots" content="noindex, nofollow" />
      <link rel="icon" href="data:," />
      <title>{props.title}</title>
    </>
  );
}
