/** Test helper: the one way the tests catch an error. */

/**
 * The error `call` throws, checked to be an instance of `errorClass`: another
 * error is rethrown as it is, and no error fails the test.
 */
export function caught<E extends Error>(call: () => unknown, errorClass: abstract new (...args: never[]) => E): E {
  try {
    call();
  } catch (error) {
    if (error instanceof errorClass) return error;
    throw error;
  }
  throw new Error(`expected a ${errorClass.name}, but nothing was thrown`);
}
