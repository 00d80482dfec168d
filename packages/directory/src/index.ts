// @follow-ups/directory: organizations, teams, users and API tokens, written the same way by the API and the admin command.
export { DirectoryError } from './directoryError';
export { createOrganization, getOrganization, listOrganizations } from './organizations';
export { createTeam, listTeams, updateTeam, type Page } from './teams';
export { createUser, listUsers, updateUser } from './users';
export { userByAddress } from './userByAddress';
export { issueToken, listTokens, revokeToken } from './tokens';
export { authenticateToken, type KnownToken } from './tokenCache';
export { readOrganizationRecord, type OrganizationRecord } from './organizationRecord';
export { suppressedAmong } from './suppressionCache';
export { sharedRead } from './sharedRead';
export { presentOrganization, presentTeam, presentToken, presentUser } from './present';
export { addSenderDomain, listSenderDomains, normaliseDomain, removeSenderDomain } from './senderDomains';
export { isPlatformAddress, senderRefusal, type PlatformAddresses } from './senderIdentity';
