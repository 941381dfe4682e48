"""The front matter fields of each kind of content file, each with the line that documents it, and the
slugs an article may not take."""

# Every front matter field, with what it does: the README's reference is generated from these.
ARTICLE_FIELDS = {
    "title": "required: the headline",
    "date": "required: the story's date, such as 2022-03-30",
    "dek": "one or two sentences under the headline (and the page's description)",
    "byline": "the writer; quotes the story gives to \"I\" are theirs",
    "slug": "the page's address, such as lavrov-china (default: the file name)",
    "tags": "a list of words, such as [russia, china] (the feed's categories)",
    "draft": "true: left out of the site, except under explainer serve and --drafts",
    "updated": "the day the story was last changed",
    "backgrounds": "sidebars to add, such as [afghanistan]; [-afghanistan] removes one a mention would attach",
    "image": "the lead image, shown as a figure under the headline: {src, alt, caption, credit}; src is a file "
             "beside the article (published under media/) or an http(s) URL; alt is required",
}
ENTITY_FIELDS = {
    "name": "required: the name shown",
    "kind": "person, place, organization, group, event or other (default: other)",
    "aliases": "other names that resolve to it, such as [Lavrov, Sergey Lavrov]",
    "description": "one line shown in cards and the glossary",
    "role": "people: the position, for speaker cards, when the text gives none",
    "roles": "positions with dates: a list of {role, from, to}; a story gets the one held on its date",
    "wikidata": "a Wikidata id, such as Q...",
    "url": "an http(s) URL about it",
    "geonames": "a GeoNames id, such as 4509177: the entity page links it",
    "review": "what an editor still has to check, such as [kind, description] (written by entities stub)",
}
BACKGROUND_FIELDS = {
    "title": "required: the topic's name",
    "summary": "one or two sentences at the top of the sidebar",
    "facts": "a list of {label, value, as_of, source}",
    "timeline": "a list of {date, event, source}; date is YYYY, YYYY-MM or YYYY-MM-DD",
    "triggers": "names whose mention in a story attaches this sidebar",
    "sources": "a list of {title, url}",
}
RESERVED_SLUGS = {"static", "entities", "backgrounds", "tags", "page", "search", "media", "pagefind", "404.html",
                  "feed.xml", "sitemap.xml", "robots.txt"}
IMAGE_FIELDS = ("src", "alt", "caption", "credit")
