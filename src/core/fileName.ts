/** Text as part of a file name: anything but letters, digits, '.', '-' and '_' becomes '_'. */
export const safeFileName = (text: string) => text.replace(/[^\w.-]+/g, '_');
