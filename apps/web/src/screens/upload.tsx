import { useMutation } from '@apollo/client/react';
import { type FormEvent, useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { useRequireLogin } from '../auth';
import { readableError } from '../errors';
import { FeedQuery, PublishVideoMutation } from '../graphql/operations';
import type { ProgressInit } from '../upload-fetch';

// what the gateway's codes mean for someone picking a file
const hints: Record<string, string> = {
  PAYLOAD_TOO_LARGE: 'The file is too large.',
  UNSUPPORTED_MEDIA_TYPE: 'That file is not a video we can play.',
};

export function UploadScreen() {
  const requireLogin = useRequireLogin();
  const navigate = useNavigate();
  const [file, setFile] = useState<File | null>(null);
  const [title, setTitle] = useState('');
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [publish, { loading }] = useMutation(PublishVideoMutation, {
    refetchQueries: [{ query: FeedQuery, variables: { first: 5 } }],
    awaitRefetchQueries: true,
  });

  useEffect(() => {
    requireLogin();
  }, [requireLogin]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError('Pick a video file first.');
    if (!title.trim()) return setError('Give it a title.');
    setError(null);
    setProgress(0);
    try {
      const fetchOptions: ProgressInit = { onUploadProgress: setProgress };
      await publish({ variables: { title, file }, context: { fetchOptions } });
      navigate('/');
    } catch (caught) {
      const { message, code } = readableError(caught);
      setError(code && hints[code] ? `${hints[code]} ${message}` : message);
    }
  };

  const percent = Math.round((progress ?? 0) * 100);
  return (
    <div className="page narrow">
      <h1>New video</h1>
      <form className="stack-form" onSubmit={(event) => void submit(event)}>
        <label className="file-picker">
          {file ? file.name : 'Choose a video'}
          <input
            type="file"
            accept="video/*"
            data-testid="upload-file"
            onChange={(event) => {
              setFile(event.target.files?.[0] ?? null);
              setError(null);
              setProgress(null);
            }}
          />
        </label>
        <label>
          Title
          <input
            data-testid="upload-title"
            maxLength={100}
            value={title}
            onChange={(event) => setTitle(event.target.value)}
          />
        </label>
        {progress !== null && (
          <div className="progress">
            <div
              className="progress-bar"
              role="progressbar"
              data-testid="upload-progress"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={percent}
              style={{ width: `${percent}%` }}
            />
            <span className="progress-label">
              {percent < 100 ? `Uploading… ${percent}%` : loading ? 'Processing… 100%' : '100%'}
            </span>
          </div>
        )}
        {error && (
          <p className="form-error" role="alert" data-testid="upload-error">
            {error}
          </p>
        )}
        <button
          type="submit"
          className="primary wide"
          disabled={loading}
          data-testid="upload-submit"
        >
          {loading ? 'Publishing…' : 'Publish'}
        </button>
      </form>
    </div>
  );
}
