// The code a client loads when it first sends or shows a file (see ../files-source.ts): the uploads, their
// progress and cancelling, and the files read lately.
import { createFileController, type FileController, type FileControllerOptions } from './file-controller.js';

/**
 * Makes a client's {@link FileController}.
 *
 * @example
 * ```ts
 * const files = createFileTransfer({ baseUrl, token: () => session.token, progress });
 * ```
 */
export function createFileTransfer(options: FileControllerOptions): FileController {
  return createFileController(options);
}
