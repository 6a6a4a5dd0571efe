#include "tools/ride/bash_completion.h"

namespace ride::cli {
namespace {

// "-o --output --model ...": every name of every option of `command`.
std::string OptionWords(const CLI::App& command) {
  std::string words;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_snames()) words += " -" + name;
    for (const std::string& name : option->get_lnames()) words += " --" + name;
  }
  return words.empty() ? words : words.substr(1);
}

}  // namespace

std::string BashCompletion(const CLI::App& app) {
  const std::string name = app.get_name();
  std::string function = "_" + name + "_completion";
  for (char& c : function) {
    if (c == '-') c = '_';
  }
  std::string commands = "help";
  std::string cases;
  for (const CLI::App* command : app.get_subcommands({})) {
    commands += " " + command->get_name();
    cases += "    " + command->get_name() + ") words=\"" + OptionWords(*command) + "\" ;;\n";
  }
  return "# bash completion for " + name + ", written by `" + name + " completion bash`.\n" +
         function + "() {\n"
         "  local current=${COMP_WORDS[COMP_CWORD]} words\n"
         "  if [ \"$COMP_CWORD\" -eq 1 ]; then\n"
         "    COMPREPLY=($(compgen -W \"" + commands + " " + OptionWords(app) + "\" -- \"$current\"))\n"
         "    return\n"
         "  fi\n"
         "  case ${COMP_WORDS[1]} in\n" + cases +
         "    help) COMPREPLY=($(compgen -W \"" + commands + "\" -- \"$current\")); return ;;\n"
         "    *) words=\"\" ;;\n"
         "  esac\n"
         "  if [[ $current == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$words\" -- \"$current\"))\n"
         "  else\n"
         "    COMPREPLY=($(compgen -f -- \"$current\"))\n"
         "  fi\n"
         "}\n"
         "complete -o filenames -F " + function + " " + name + "\n";
}

}  // namespace ride::cli
