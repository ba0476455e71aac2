// Unit tests import server modules outside React Server Components.
export {};
