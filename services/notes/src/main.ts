import { hello } from '@bulkhead/platform';
console.log(hello('notes'));
