import type { DouyinFields } from './endpoint';
import type { RestError } from './rest-error';

const SUCCESS_MESSAGE = 'success';

export function successBody(fields: DouyinFields, message = SUCCESS_MESSAGE) {
  return { status_code: 0, status_msg: message, ...fields };
}

export function failureBody(error: RestError, fields: DouyinFields = {}) {
  return { status_code: error.statusCode, status_msg: error.message, ...fields };
}
