import type { Endpoint } from '../endpoint';

const document = /* GraphQL */ `
  mutation DouyinPublish($title: String!, $file: Upload!) {
    publishVideo(title: $title, file: $file) {
      id
      title
    }
  }
`;

interface PublishData {
  publishVideo: { id: string; title: string };
}

/**
 * Multipart parts `data` (the file), `token` and `title`, in that order in the official test
 * (douyin-api.md §3.5): the router spools the file before it knows the token.
 */
export const publishAction: Endpoint<PublishData> = {
  method: 'POST',
  path: '/douyin/publish/action/',
  token: 'required',
  document,
  upload: { part: 'data', variable: 'file' },
  // an absent title goes through as "" so the subgraph names what is missing
  request: (params) => ({ variables: { title: params.get('title') ?? '' } }),
  respond: () => ({}),
  successMessage: ({ publishVideo }) => `${publishVideo.title} uploaded successfully`,
  failureFields: {},
};
