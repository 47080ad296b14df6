/**
 * Operator actions (callables that only an operator may call) land here. The operator console
 * reads Firestore directly today; its security rules are in firestore.rules.
 */
export {};
