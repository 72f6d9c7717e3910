import type { Rule } from '../rule.ts';
import { containersOf, podTemplates } from '../workloads.ts';

/** The tag of an image reference, `undefined` when it has none, `@digest` when pinned by digest. */
export function tagOf(image: string): string | undefined {
  const at = image.indexOf('@');
  if (at !== -1) return image.slice(at);
  const name = image.slice(image.lastIndexOf('/') + 1);
  const colon = name.indexOf(':');
  return colon === -1 ? undefined : name.slice(colon + 1);
}

export const imageTag: Rule = {
  id: 'image-tag',
  severity: 'error',
  reason:
    'An untagged or `latest` image changes under you: two pods of one Deployment can run different code and a rollback does not roll back.',
  fix: 'pin the image by a version tag or a digest (kustomize `images:` with newTag or digest)',
  check: (objects) =>
    podTemplates(objects).flatMap((template) =>
      containersOf(template).flatMap(({ container, path }) => {
        const tag = tagOf(container.image ?? '');
        if (tag !== undefined && tag !== 'latest') return [];
        const what = tag === undefined ? 'has no tag' : 'uses the latest tag';
        return [
          {
            object: template.object,
            path: [...path, 'image'],
            message: `image "${container.image ?? ''}" of container "${container.name}" ${what}`,
          },
        ];
      }),
    ),
};
