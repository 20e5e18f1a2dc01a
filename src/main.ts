export async function main(): Promise<void> {
  // Filled in by the action issue.
}
