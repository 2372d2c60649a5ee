export { admits } from './capacity/admission.js';
