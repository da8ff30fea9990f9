import { createGoldenChecker } from '../helpers/golden.js';

/** Golden files of the terminal and JSON renderers, in test/fixtures/render/. */
export const expectGolden = createGoldenChecker('render');
