import { accessTableMarkdown } from './access-table';

/** docs/access-control.md: the access table with how to read it. */
export function accessDocument(): string {
  return `# Who may do what

<!-- Rendered from lib/auth/access-table.ts by \`npm run docs:access\`; edit the table there. -->

Every page, route handler and server action of the app, and what each kind of visitor gets.
\`e2e/access.spec.ts\` walks every row against the running production build, signed in as each
visitor in turn, and fails if the app answers differently, if a row names an entry point that no
longer exists, or if the build has an entry point without a row, so a new endpoint cannot ship
without its rule. \`lib/auth/permissions.ts\` holds the rules themselves.

How to read it:

- The member, the reviewer and the admin belong to the project the request is about; the outsider
  does not. Admins see every project; annotating is personal, so it needs membership even for them.
- 404 rather than 403 where a visitor may not even know the thing exists: other projects, and other
  people's spans (blind annotation).
- Pages send visitors without a session to the sign-in page (\`→/login\`, status 307); they answer
  403 and 404 with the "Not allowed" and "Not found" pages.
- Server actions answer over HTTP 200, as Next sends them; the status in the table is the one in
  their result (\`{ error, status }\`), 200 when the action succeeded.
- \`/_not-found\` and \`/_global-error\` are Next's built-in pages; they render no data.

${accessTableMarkdown()}
`;
}
