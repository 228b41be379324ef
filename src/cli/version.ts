// The tool version reported in --version and SARIF output.
export const toolVersion = '0.1.0';
