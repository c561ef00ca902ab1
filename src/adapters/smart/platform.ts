import { definePlatform } from '../../platforms/define-platform.ts';

/** A SMART Scheduling Links manifest URL: the feed's base, to which the adapter appends `$bulk-publish`. */
export interface SmartLink {
  feedBase: string;
}

export default definePlatform({
  name: 'smart',
  label: 'SMART Scheduling Links',
  kind: 'feed',
  // A feed is anyone's host; its centres book on their own sites (platform `other`).
  hosts: [],
  linkExample:
    'a SMART Scheduling Links feed, https://…/$bulk-publish (or a centre of the registry it lists)',
  parseLink: (url): SmartLink | null =>
    /\/[$_]bulk-publish$/.test(url.pathname)
      ? { feedBase: url.href.replace(/\/[$_]bulk-publish(\?.*)?$/, '') }
      : null,
  discovers: true,
  home: import.meta.url,
});
